"""OpenAPI generation: every operation documents the problem-details responses it can give."""

from drf_spectacular.openapi import AutoSchema

from articles.api.errors import PROBLEM_CONTENT_TYPE, ProblemSerializer


class ProblemAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400"]  # unknown or invalid query parameters
        if self.view.detail or "{" in self.path:
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
