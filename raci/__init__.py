"""The RACI planner's domain: plans, letters, rules, workload and files. No Streamlit here."""

from raci.model import Plan, PlanError, Role, Task
from raci.seed import seed_plan

__all__ = ["Plan", "PlanError", "Role", "Task", "seed_plan"]
