from django.core.management import call_command


def test_the_openapi_schema_validates_without_a_warning(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    assert "/api/v1/key-figures/bulk/" in (tmp_path / "schema.yaml").read_text()
