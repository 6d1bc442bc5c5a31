"""Publish: revenue per customer from `orders`."""
import argparse
import sqlite3
from pathlib import Path

HERE = Path(__file__).resolve().parent

parser = argparse.ArgumentParser()
parser.add_argument("--catalog", required=True)
parser.add_argument("--warehouse", default=".warehouse")
args = parser.parse_args()

folder = Path(args.warehouse) if Path(args.warehouse).is_absolute() else HERE / args.warehouse
db = sqlite3.connect(folder / f"{args.catalog}.db")
with db:
    db.execute("DROP TABLE IF EXISTS revenue_per_customer")
    db.execute("CREATE TABLE revenue_per_customer AS SELECT customer, COUNT(*) AS orders, ROUND(SUM(amount), 2) AS revenue FROM orders GROUP BY customer")
for customer, orders, revenue in db.execute("SELECT * FROM revenue_per_customer ORDER BY revenue DESC"):
    print(f"{customer:<8} {orders:>3} orders {revenue:>9.2f}")
