"""Sparse fieldsets: `?fields=id,headline` keeps only those fields; `?expand=quotes,people` adds optional ones.

Both take their names comma-separated or repeated (`?fields=id&fields=headline`)."""

import copy

from articles.api.errors import InvalidParameters
from articles.api.query import values_of


class SparseFieldsSerializerMixin:
    """A serializer that drops unrequested fields; ``Meta.expandable_fields`` appear only when expanded."""

    def __init__(self, *args, fields=None, expand=None, **kwargs):
        super().__init__(*args, **kwargs)
        optional = set(getattr(self.Meta, "expandable_fields", ()))
        # Not told what to expand (the schema generator, code that builds one directly): every field.
        expanded = optional if expand is None else set(expand)
        keep = (set(self.fields) - optional) | (expanded & optional)
        if fields:
            keep &= set(fields)
        for name in list(self.fields):
            if name not in keep:
                self.fields.pop(name)

    def get_fields(self):
        # ModelSerializer rebuilds its fields from the model for every serializer, ~0.15 ms of each
        # list request; they are the same every time, so they are built once per class and copied.
        cls = type(self)
        template = cls.__dict__.get("_field_template")
        if template is None:
            template = cls._field_template = super().get_fields()
        return copy.deepcopy(template)


class SparseFieldsViewMixin:
    """A viewset mixin passing `fields` and `expand` from the query string to the top-level serializer."""

    def get_serializer(self, *args, **kwargs):
        serializer_class = self.get_serializer_class()
        if issubclass(serializer_class, SparseFieldsSerializerMixin):
            expandable = set(getattr(serializer_class.Meta, "expandable_fields", ()))
            # Building a serializer's fields costs time: only when the client names fields.
            wants_fields = bool(self.request and values_of(self.request.query_params, "fields"))
            every_field = set(serializer_class(expand=expandable).fields) if wants_fields else set()
            fields = self._requested("fields", every_field)
            kwargs.setdefault("fields", fields)
            # Lists show optional fields only when expanded (or named in `fields`); a single object shows them all.
            expand = self._requested("expand", expandable) | (fields & expandable) if self.action == "list" else expandable
            kwargs.setdefault("expand", expand)
        return super().get_serializer(*args, **kwargs)

    def _requested(self, parameter: str, allowed: set[str]) -> set[str]:
        names = set(values_of(self.request.query_params, parameter)) if self.request else set()
        unknown = sorted(names - allowed)
        if unknown:
            choices = ", ".join(sorted(allowed)) or "none"
            raise InvalidParameters({parameter: [f"Unknown field {', '.join(unknown)}. Choose from: {choices}."]})
        return names
