"""JSON (un)marshalling of events and responses, matching awslambdaric's rules."""

import json
import json.encoder
import math
import os
import sys

from .faults import FaultException


def _keeps_unicode():
    # awslambdaric emits non-ASCII characters as-is only from python3.12 on;
    # older runtimes escape them (\u00e9). Decide by the runtime the engine says
    # it emulates, else by the interpreter actually running.
    prefix = "AWS_Lambda_python3."
    env = os.environ.get("AWS_EXECUTION_ENV", "")
    if env.startswith(prefix):
        try:
            return int(env[len(prefix):]) >= 12
        except ValueError:
            pass
    return sys.version_info >= (3, 12)


_ENSURE_ASCII = not _keeps_unicode()


class _NeedsDecimalPath(Exception):
    """Raised by the fast encoder when it meets a Decimal."""


class _DecimalNumber(float):
    """A float stand-in that carries a Decimal's exact text for the slow encoder."""


def _type_error(obj):
    return TypeError(
        "Object of type {} is not JSON serializable".format(obj.__class__.__name__)
    )


def _is_decimal(obj):
    decimal = sys.modules.get("decimal")
    return decimal is not None and isinstance(obj, decimal.Decimal)


def _fast_default(obj):
    if _is_decimal(obj):
        raise _NeedsDecimalPath()
    raise _type_error(obj)


# The C encoder: used for every value that holds no Decimal (the common case).
_fast_encoder = json.JSONEncoder(
    ensure_ascii=_ENSURE_ASCII, allow_nan=True, default=_fast_default
)


def _slow_default(obj):
    if _is_decimal(obj):
        if obj.is_nan():
            # Decimal('-NaN') would print as -NaN, which no JSON parser accepts.
            return math.nan
        number = _DecimalNumber(obj)
        number.text = str(obj)
        return number
    raise _type_error(obj)


def _floatstr(value, _repr=float.__repr__, _inf=math.inf):
    if type(value) is _DecimalNumber:
        return value.text
    if value != value:
        return "NaN"
    if value == _inf:
        return "Infinity"
    if value == -_inf:
        return "-Infinity"
    return _repr(value)


def _encode_with_decimals(obj):
    # simplejson (used by awslambdaric) writes a Decimal's own digits
    # (Decimal("1.10") -> 1.10); the stdlib C encoder cannot, so values holding
    # a Decimal go through the pure-Python encoder with a custom float printer.
    encode_str = (
        json.encoder.encode_basestring_ascii
        if _ENSURE_ASCII
        else json.encoder.encode_basestring
    )
    iterencode = json.encoder._make_iterencode(
        {}, _slow_default, encode_str, None, _floatstr, ": ", ", ", False, False, True
    )
    return "".join(iterencode(obj, 0))


def to_json(obj):
    """Serialise like awslambdaric: Decimal exact, NaN allowed, TypeError otherwise."""
    try:
        return _fast_encoder.encode(obj)
    except _NeedsDecimalPath:
        return _encode_with_decimals(obj)


def marshal_response(response):
    """Return (body bytes, content type) for a handler's return value."""
    if isinstance(response, bytes):
        return response, "application/unknown"
    try:
        body = to_json(response).encode("utf-8", "backslashreplace")
        return body, "application/json"
    except Exception as e:
        raise FaultException(
            FaultException.MARSHAL_ERROR,
            "Unable to marshal response: {}".format(str(e)),
            None,
        )


def unmarshal_request(body, content_type):
    """Decode an event: JSON for application/json, raw bytes for anything else."""
    # The engine may omit Content-Type; Lambda's default is application/json.
    if content_type and content_type.split(";", 1)[0].strip() != "application/json":
        return body
    try:
        return json.loads(body)
    except Exception as e:
        raise FaultException(
            FaultException.UNMARSHAL_ERROR,
            "Unable to unmarshal input: {}".format(str(e)),
            None,
        )
