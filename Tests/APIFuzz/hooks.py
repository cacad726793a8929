"""Schemathesis hooks for Tests/APIFuzz/run.sh.

One rule of the API cannot be written in JSON Schema: a birth date lies between 1900-01-01 and
today (OpenAPIDocument says so in prose). Generated bodies with a well-formed date outside that
window are moved into it, so that positive_data_acceptance stays strict for everything else.
Malformed dates are left alone: those are the negative cases.
"""
import datetime

import schemathesis


def _in_window(value):
    try:
        date = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    if len(value) != 10:  # fromisoformat also reads forms the API does not (e.g. 20260101)
        return value
    if datetime.date(1900, 1, 1) <= date <= datetime.date.today() - datetime.timedelta(days=1):
        return value
    return date.replace(year=1900 + date.year % 120, day=min(date.day, 28)).isoformat()


@schemathesis.hook
def map_body(ctx, body):
    if isinstance(body, dict) and isinstance(body.get("birthDate"), str):
        body = dict(body, birthDate=_in_window(body["birthDate"]))
    return body


@schemathesis.hook
def map_query(ctx, query):
    if isinstance(query, dict) and isinstance(query.get("birthDate"), str):
        query = dict(query, birthDate=_in_window(query["birthDate"]))
    return query
