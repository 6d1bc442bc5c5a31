"""Bronze: load the raw customers CSV as is, with the load time."""
import csv
from datetime import datetime, timezone

from common import connect, parse_args, replace_table, source_dir

args = parse_args("--source-path")
path = source_dir(args.source_path) / "customers.csv"
with path.open(newline="", encoding="utf-8") as f:
    rows = [tuple(r.values()) for r in csv.DictReader(f)]
loaded_at = datetime.now(timezone.utc).isoformat()
db = connect(args.catalog, args.warehouse)
replace_table(db, "bronze_customers", ["customer_id", "name", "email", "country", "signup_date", "loaded_at"], [r + (loaded_at,) for r in rows])
