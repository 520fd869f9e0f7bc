"""What the planner hands out: the charts (charts), their images for slides (images) and the meeting report
(report, on the templates of templating)."""
