# The fixture repositories hold their own tests and a conftest.py that mocks awsglue: never collect them here.
collect_ignore_glob = ["fixtures/*"]
