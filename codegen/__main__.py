from codegen.cli.process import run

run()
