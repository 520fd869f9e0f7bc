"""What the planner hands out: the charts (charts), their images for slides (images), the meeting report
(report) and the role briefs (brief), both on the templates of templating, and the meeting deck (deck)."""
