"""Ingest: the landed orders into `orders` (idempotent: the table is rebuilt from the files)."""
import argparse
import sqlite3
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDERS = [
    (1, "2026-11-20", "ada", 120.50),
    (2, "2026-11-20", "grace", 75.00),
    (3, "2026-11-21", "ada", 42.25),
    (4, "2026-11-21", "alan", 310.00),
]

parser = argparse.ArgumentParser()
parser.add_argument("--catalog", required=True)
parser.add_argument("--warehouse", default=".warehouse")
args = parser.parse_args()

folder = Path(args.warehouse) if Path(args.warehouse).is_absolute() else HERE / args.warehouse
folder.mkdir(parents=True, exist_ok=True)
db = sqlite3.connect(folder / f"{args.catalog}.db")
with db:
    db.execute("DROP TABLE IF EXISTS orders")
    db.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, order_date, customer, amount REAL)")
    db.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", ORDERS)
print(f"{args.catalog}.orders: {len(ORDERS)} rows")
