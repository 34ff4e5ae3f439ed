package io.github.splunkdeltabridge.delta.source;

import java.util.Map;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.execution.streaming.Source;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.StreamSourceProvider;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Test stand-in for Databricks' Auto Loader: registered (META-INF/services) under the short name {@code cloudFiles},
 * it records what Spark's DataStreamReader hands a source of that name. It never reads anything.
 */
public final class CapturingCloudFilesProvider implements StreamSourceProvider, DataSourceRegister {

    static volatile Map<String, String> lastParameters;
    static volatile StructType lastSchema;

    @Override
    public String shortName() {
        return "cloudFiles";
    }

    @Override
    public Tuple2<String, StructType> sourceSchema(
            SQLContext sqlContext,
            Option<StructType> schema,
            String providerName,
            scala.collection.immutable.Map<String, String> parameters) {
        lastParameters = Map.copyOf(CollectionConverters.asJava(parameters));
        lastSchema = schema.isDefined() ? schema.get() : null;
        return Tuple2.apply(shortName(), schema.get());
    }

    @Override
    public Source createSource(
            SQLContext sqlContext,
            String metadataPath,
            Option<StructType> schema,
            String providerName,
            scala.collection.immutable.Map<String, String> parameters) {
        throw new UnsupportedOperationException("test stand-in: captures options only");
    }
}
