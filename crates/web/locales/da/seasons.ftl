api-plan-conflicts = Planen har konflikter. Intet er gemt.
