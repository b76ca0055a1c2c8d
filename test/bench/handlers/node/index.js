// Handler: index.handler — the trivial handler every measurement uses.
exports.handler = async (event) => ({ ok: true, echo: event.n });
