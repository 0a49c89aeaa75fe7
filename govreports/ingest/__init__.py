"""Adding a new report: register it, guess its figures for a curator, take over what the curator accepted. The build never imports it."""
