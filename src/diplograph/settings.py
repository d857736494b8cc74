"""Settings: defaults in ``settings.toml``; a user file overrides only the keys it sets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diplograph.errors import UsageError
from diplograph.lang.load import package_path, read_toml


@dataclass(frozen=True, slots=True)
class Settings:
    max_bytes: int
    extensions: tuple[str, ...]
    fallback_language: str | None
    min_confidence: float
    max_seconds: float = 0.0


def load_settings(path: str | Path | None = None) -> Settings:
    data = read_toml(package_path("settings.toml"))
    if path is not None:
        user_path = Path(path)
        if not user_path.is_file():
            raise UsageError(f"config file {user_path} does not exist", code="D401")
        for section, values in read_toml(user_path).items():
            if section not in data or not isinstance(values, dict):
                raise UsageError(f"{user_path}: unknown section [{section}]", code="D402")
            unknown = set(values) - set(data[section])
            if unknown:
                raise UsageError(f"{user_path}: unknown setting(s) {', '.join(sorted(unknown))} in [{section}]",
                                 code="D402")  # fmt: skip
            data[section].update(values)
    return Settings(
        max_bytes=int(data["ingest"]["max_bytes"]),
        extensions=tuple(data["ingest"]["extensions"]),
        fallback_language=data["text"]["fallback_language"] or None,
        min_confidence=float(data["events"]["min_confidence"]),
        max_seconds=float(data["ingest"]["max_seconds"]),
    )
