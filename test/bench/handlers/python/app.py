# Handler: app.handler — the trivial Python handler.
def handler(event, context):
    return {"ok": True, "echo": event.get("n")}
