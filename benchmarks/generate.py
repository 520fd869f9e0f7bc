"""Generated plans of any size, for benchmarks (realistic letters, not uniform noise)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from raci import letters as L
from raci.model import Plan, Role


def generated_plan(n_tasks: int, n_roles: int, seed: int = 0) -> Plan:
    """A plan of n_tasks x n_roles: each task has one A/R owner, some R, C, I and blanks."""
    rng = np.random.default_rng(seed)
    cells = rng.choice(
        np.array([L.EMPTY, L.R, L.C, L.I], dtype=np.int8), size=(n_tasks, n_roles), p=[0.55, 0.05, 0.15, 0.25]
    )
    cells[np.arange(n_tasks), rng.integers(0, n_roles, n_tasks)] = L.AR
    categories = np.array(["Planificación", "Análisis", "Construcción de comunidad", "Difusión de contenido"])
    tasks = pd.DataFrame(
        {
            "name": [f"Tarea {i} – campaña «{i % 97}»" for i in range(n_tasks)],
            "category": categories[rng.integers(0, 4, n_tasks)],
            "nature": np.where(rng.random(n_tasks) < 0.5, "strategic", "operational"),
            "effort": rng.integers(1, 40, n_tasks).astype(float),
        }
    )
    profiles = ["strategic", "operational", "other"]
    roles = [Role(f"Rol {k}", f"Rol número {k}", profiles[k % 3]) for k in range(n_roles)]
    return Plan.from_columns(tasks, roles, cells)
