"""OpenAPI generation: every operation documents the problem-details responses it can give."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from articles.api.errors import PROBLEM_CONTENT_TYPE, ProblemSerializer
from articles.api.fields import SparseFieldsViewMixin


class ProblemAutoSchema(AutoSchema):
    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "GET" and isinstance(self.view, SparseFieldsViewMixin) and self.view.action in ("list", "retrieve"):
            parameters.append(
                OpenApiParameter("fields", str, description="Comma-separated fields to return, e.g. `id,headline`.")
            )
            choices = getattr(self.view, "expand_choices", ())
            if self.view.action == "list" and choices:
                parameters.append(
                    OpenApiParameter(
                        "expand", str, description=f"Comma-separated optional fields to add: {', '.join(choices)}."
                    )
                )
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "429"]  # bad query parameters; over the anonymous rate
        if "{" in self.path:
            codes.append("404")
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            codes += ["401", "403"]
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    ProblemSerializer, code, media_types=[PROBLEM_CONTENT_TYPE], direction=direction
                )
        return responses

    def _get_format_parameters(self):
        parameters = super()._get_format_parameters()
        for parameter in parameters:
            parameter["description"] = (
                "Response format: `json` (default), `csv` (list endpoints stream every matching row), "
                "or `api` (the browsable API)."
            )
        return parameters
