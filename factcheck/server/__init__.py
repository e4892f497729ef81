"""`factcheck serve`: an HTTP server on Starlette and uvicorn.

    app.py           routes, limits, the worker pool glue (runs in the event loop)
    work.py          what the worker processes do: /v1 and /v2 requests, bytes in, bytes out
    languagetool.py  LanguageTool's /v2 API on factcheck: parameters, annotated text, matches
    run.py           starting and stopping (socket, signals)
    static/          the editor page, every asset served by the package
"""
