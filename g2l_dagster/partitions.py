"""One dynamic partition per migration project, shared by every stage."""

import dagster as dg

glue_project = dg.DynamicPartitionsDefinition(name="glue_project")
