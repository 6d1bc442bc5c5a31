"""Bronze: load every raw orders JSON file as is, remembering the source file."""
import json

from common import connect, parse_args, replace_table, source_dir

args = parse_args("--source-path")
rows = []
for path in sorted((source_dir(args.source_path) / "orders").glob("*.json")):
    for o in json.loads(path.read_text(encoding="utf-8")):
        rows.append((o.get("order_id"), o.get("customer_id"), o.get("order_date"), o.get("amount"), o.get("status"), path.name))
if not rows:
    raise SystemExit(f"no order files under {source_dir(args.source_path) / 'orders'}")
db = connect(args.catalog, args.warehouse)
replace_table(db, "bronze_orders", ["order_id", "customer_id", "order_date", "amount", "status", "source_file"], rows)
