from budget.cli import run

run()
