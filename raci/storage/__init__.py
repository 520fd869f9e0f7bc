"""Plans that last (TODO: docstring)."""

from raci.storage.config import DEFAULT_DB_PATH, database_url
from raci.storage.errors import PlanDeleted, PlanNotFound, StaleVersion, StoreError, StoreUnavailable, VersionNotFound
from raci.storage.records import PlanInfo, VersionInfo
from raci.storage.store import SCHEMA_VERSION, Store

__all__ = ["DEFAULT_DB_PATH", "SCHEMA_VERSION", "PlanDeleted", "PlanInfo", "PlanNotFound", "StaleVersion", "Store",
           "StoreError", "StoreUnavailable", "VersionInfo", "VersionNotFound", "database_url"]
