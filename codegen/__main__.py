from codegen.cli.app import run

run()
