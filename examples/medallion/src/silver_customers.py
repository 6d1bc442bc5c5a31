"""Silver: one row per customer, trimmed lower-case e-mails, rows without e-mail dropped."""
from common import connect, parse_args, replace_table

args = parse_args()
db = connect(args.catalog, args.warehouse)
seen = {}
for cid, name, email, country, signup in db.execute("SELECT customer_id, name, email, country, signup_date FROM bronze_customers"):
    email = (email or "").strip().lower()
    if email:
        seen[int(cid)] = (int(cid), name.strip(), email, country, signup)
replace_table(db, "silver_customers", ["customer_id", "name", "email", "country", "signup_date"], sorted(seen.values()))
