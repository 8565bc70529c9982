from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame


class PipelineContext(GlueContext):
    """GlueContext with the team's defaults."""

    def read_parquet(self, path: str) -> DynamicFrame:
        return self.create_dynamic_frame_from_options(
            connection_type="s3", connection_options={"paths": [path]}, format="parquet"
        )

    def write_parquet(self, frame: DynamicFrame, path: str) -> None:
        self.write_dynamic_frame_from_options(
            frame=frame, connection_type="s3", connection_options={"path": path}, format="parquet"
        )
