"""Lambda Workbench's own Python runtime interface client (Runtime API 2018-06-01).

Behaves like AWS's awslambdaric: handler resolution, context, logging (framed
telemetry fd or stdout), error payloads and JSON marshalling.
"""

__version__ = "1.0.0"
