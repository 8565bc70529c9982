# -*- coding: latin-1 -*-
"""Tarifs des fournisseurs: nettoyage des libellés et conversion en euros."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# lecture du catalogue: base « achats », table des tarifs
tarifs = glueContext.create_dynamic_frame.from_catalog(database="achats", table_name="tarifs_fournisseurs").toDF()

# libellé normalisé, prix en ¤ (devise locale) converti en euros
tarifs = tarifs.withColumn("libelle", F.trim(F.upper("libelle"))).withColumn("prix_eur", F.col("prix") * F.lit(1.0))
print("Année traitée:", tarifs.count())
tarifs.write.mode("overwrite").parquet("s3://achats-lake/tarifs/")
job.commit()
