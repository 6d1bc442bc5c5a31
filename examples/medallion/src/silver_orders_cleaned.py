"""Silver: completed orders with a positive amount, duplicates removed."""
from common import connect, parse_args, replace_table

args = parse_args()
db = connect(args.catalog, args.warehouse)
orders = {}
for oid, cid, day, amount, status in db.execute("SELECT order_id, customer_id, order_date, amount, status FROM bronze_orders"):
    if status == "completed" and amount is not None and amount > 0:
        orders[oid] = (oid, cid, day, round(float(amount), 2))
replace_table(db, "silver_orders", ["order_id", "customer_id", "order_date", "amount"], sorted(orders.values()))
