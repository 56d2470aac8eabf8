api-plan-conflicts = The plan has conflicts. Nothing was saved.
