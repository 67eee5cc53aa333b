"""The back-office HTTP service: the library behind an authenticated API and a review page.

Start it with `form4 serve`; `create_app(settings)` builds the FastAPI app for tests.
"""
