import json

data = {
    "name": "Ann",
    "age": 31,
    "languages": ["Python", "C"],
    "active": True,
    "manager": None,
    "score": 9.75,
    "city": "Zürich",
}
text = json.dumps(data)
print(text)
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps([1, (2, 3), {"a": {}}], separators=(",", ":")))
back = json.loads(text)
print(back == data, back["languages"][0], type(back["age"]).__name__)
print(json.loads('{"x": [1, 2.5, "three", null, true, false]}'))
print(json.loads("[]"), json.loads('"a\\u00e9"'), json.loads("3.0"), json.loads("1e3"))
records = json.loads('[{"id": 2, "tags": ["b"]}, {"id": 1, "tags": []}]')
records.sort(key=lambda r: r["id"])
print(records, json.dumps(records, indent=None))
print(json.dumps({1: "int key", "nested": {"deep": [True]}}), json.dumps("quote\"and\\slash"))
try:
    json.loads("{'single': 'quotes'}")
except json.JSONDecodeError as error:
    print("JSONDecodeError:", error.msg, error.lineno, error.colno)
print(json.dumps(float("inf")), json.dumps({"t": (1,)}, indent=1))
