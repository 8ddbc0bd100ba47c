"""Request bodies keep their JSON types: a number where the schema says string (or a string
where it says integer) is a 400 naming the field, where DRF would quietly convert it (0 to "0",
"5" to 5). Generated clients and the schema then mean the same thing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

# The JSON types each kind of field takes (None is left to the field's allow_null).
TEXT = (serializers.CharField, serializers.SlugRelatedField, serializers.ChoiceField)


def _expects(field: serializers.Field) -> tuple[type, ...] | None:
    if isinstance(field, serializers.BooleanField):
        return (bool,)
    if isinstance(field, serializers.IntegerField):
        return (int,)
    if isinstance(field, serializers.FloatField):
        return (int, float)
    if isinstance(field, TEXT):
        return (str,)
    return None


def type_error(field: serializers.Field, value: Any) -> str | None:
    """Why `value` is the wrong JSON type for `field`, or None."""
    if value is None:
        return None
    if isinstance(field, serializers.ManyRelatedField | serializers.ListField):
        child = getattr(field, "child_relation", None) or field.child
        if not isinstance(value, list):
            return "must be a list"
        wrong = next((item for item in value if type_error(child, item)), None)
        return None if wrong is None else f"each item must be {_name(_expects(child))}"
    expected = _expects(field)
    if expected is None:
        return None
    if isinstance(value, bool) and bool not in expected:
        return f"must be {_name(expected)}"
    if not isinstance(value, expected):
        return f"must be {_name(expected)}"
    return None


def _name(expected: tuple[type, ...] | None) -> str:
    if expected == (bool,):
        return "true or false"
    if expected and float in expected:
        return "a number"
    return "a whole number" if expected == (int,) else "a string"


class JSONTypesMixin:
    """Checks each given field's JSON type before DRF's own validation."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {
                name: [problem]
                for name, field in self.fields.items()
                if not field.read_only
                and name in data
                and (problem := type_error(field, data[name]))
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
