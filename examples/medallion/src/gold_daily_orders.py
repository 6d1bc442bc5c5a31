"""Gold: orders and revenue per day."""
from common import connect, parse_args, replace_table

args = parse_args()
db = connect(args.catalog, args.warehouse)
rows = db.execute(
    "SELECT order_date, COUNT(*), ROUND(SUM(amount), 2) FROM silver_orders GROUP BY order_date ORDER BY order_date"
).fetchall()
replace_table(db, "gold_daily_orders", ["order_date", "orders", "revenue"], rows)
