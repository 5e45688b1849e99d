"""Batch jobs: string-built SQL through a variable, a table name that no placeholder can bind,
and a token printed to the console."""
import psycopg2


def monthly_totals(conn, month):
    query = "SELECT SUM(total) FROM orders WHERE month = '%s'" % month
    with conn.cursor() as cur:
        cur.execute(query)
        return cur.fetchone()


def purge(conn, table):
    with conn.cursor() as cur:
        cur.execute("DELETE FROM " + table + " WHERE created < now() - interval '1 year'")


def connect(dsn, api_token):
    print("connecting with token", api_token)
    return psycopg2.connect(dsn)
