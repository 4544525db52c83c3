package io.github.binfiles;

import io.github.binfiles.read.ReadItem;
import io.github.binfiles.read.SplitItemsFn;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.ReadAllViaFileBasedSource;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.TupleTag;

/** The steps every binfiles read shares after its source has emitted elements. */
final class ReadExpansion {
  private ReadExpansion() {}

  /** A read's first half: whatever its source emits, records or {@link ReadItem}s. */
  interface Emitter<InputT extends PInput> extends java.io.Serializable {
    PCollection<?> emit(InputT input);

    CorruptionPolicy policy();
  }

  /** Records only; under SKIP, regions are counted in metrics and dropped here. */
  @SuppressWarnings("unchecked")
  static <T> PCollection<T> records(PCollection<?> emitted, CorruptionPolicy policy) {
    if (policy != CorruptionPolicy.SKIP) {
      return (PCollection<T>) emitted;
    }
    return ReadExpansion.<T>split(emitted).records();
  }

  @SuppressWarnings("unchecked")
  static <T> ReadResult<T> split(PCollection<?> emitted) {
    PCollection<ReadItem<T>> items = (PCollection<ReadItem<T>>) emitted;
    TupleTag<T> recordsTag = new TupleTag<T>("records") {};
    Coder<T> recordCoder =
        (Coder<T>) items.getCoder().getCoderArguments().get(0);
    PCollectionTuple tuple =
        items.apply(
            "Report skipped regions",
            ParDo.of(new SplitItemsFn<T>(recordsTag, ReadResult.SKIPPED))
                .withOutputTags(recordsTag, ReadResult.skippedTagList()));
    tuple.get(recordsTag).setCoder(recordCoder);
    tuple.get(ReadResult.SKIPPED).setCoder(io.github.binfiles.SkippedRegionCoder.of());
    return new ReadResult<>(tuple, recordsTag);
  }

  /** Reads matched files by range, as Beam's own {@code readFiles()} transforms do. */
  static <O> PCollection<O> readFileRanges(
      PCollection<FileIO.ReadableFile> files,
      long desiredBundleSizeBytes,
      SerializableFunction<String, ? extends FileBasedSource<O>> sourceForFile,
      Coder<O> coder) {
    return files.apply(
        "Read file ranges",
        new ReadAllViaFileBasedSource<>(desiredBundleSizeBytes, sourceForFile, coder));
  }

  static CoderRegistry registry(PInput input) {
    return input.getPipeline().getCoderRegistry();
  }
}
