"""Entry point of the Lambda Workbench Python runtime: `python3 bootstrap.py`.

The engine starts this script with cwd = the function's code directory and the
Lambda environment variables set; it then speaks the Runtime API (2018-06-01)
at AWS_LAMBDA_RUNTIME_API until the engine stops it.
"""

import os
import sys

_RUNTIME_DIR = os.path.dirname(os.path.realpath(__file__))

# Python put this directory at sys.path[0] because it holds the script; that is
# what lets the import below find our package.
if _RUNTIME_DIR not in sys.path:
    sys.path.insert(0, _RUNTIME_DIR)

from lambda_workbench_runtime import loop  # noqa: E402


def _prepare_sys_path():
    """Drop the runtime directory from sys.path and put LAMBDA_TASK_ROOT first."""
    # Our directory holds a bootstrap.py: left on sys.path it would shadow a
    # user module of that name (and any future file we add here).
    sys.path[:] = [
        entry
        for entry in sys.path
        if os.path.realpath(entry or os.curdir) != _RUNTIME_DIR
    ]
    # Lambda imports handlers from /var/task before layers (PYTHONPATH) and the
    # standard library, so a user module wins over a same-named layer module.
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    sys.path.insert(0, task_root)


if __name__ == "__main__":
    _prepare_sys_path()
    loop.main()
