"""The Gradio tabs of app.py, one module each; they present what assistant/ and ingest/ return."""
