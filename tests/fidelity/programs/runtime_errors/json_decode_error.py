import json

print(json.loads('{"ok": true}'))
data = json.loads("{'single': 'quotes'}")
