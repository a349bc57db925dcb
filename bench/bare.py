"""The floor for HTTP benchmarks: a bare Starlette route returning a small JSON document."""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def hello(_: Request) -> JSONResponse:
    return JSONResponse({"data": {"service": {"id": "svc-syn-000042", "name": "A service"}}})


app = Starlette(routes=[Route("/graphql", hello, methods=["GET", "POST"])])
