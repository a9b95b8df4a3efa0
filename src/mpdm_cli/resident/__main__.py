"""``python -m mpdm_cli.resident SOCKET [IDLE_SECONDS]``: what ``client.start`` launches."""

import sys

from mpdm_cli.resident.server import serve

if len(sys.argv) == 3:
    serve(sys.argv[1], float(sys.argv[2]))
else:
    serve(sys.argv[1])
