from indicators.cli import run

run()
