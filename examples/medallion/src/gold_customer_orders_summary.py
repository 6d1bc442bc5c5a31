"""Gold: orders and revenue per known customer (joins both silver tables: the fan-in)."""
from common import connect, parse_args, replace_table

args = parse_args()
db = connect(args.catalog, args.warehouse)
rows = db.execute(
    """
    SELECT c.customer_id, c.name, c.country, COUNT(o.order_id), ROUND(COALESCE(SUM(o.amount), 0), 2)
    FROM silver_customers c LEFT JOIN silver_orders o ON o.customer_id = c.customer_id
    GROUP BY c.customer_id ORDER BY c.customer_id
    """
).fetchall()
replace_table(db, "gold_customer_orders_summary", ["customer_id", "name", "country", "orders", "revenue"], rows)
