package io.github.binfiles.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian integer access to byte arrays, compiled to single loads and stores. */
public final class LittleEndian {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  public static int getInt(byte[] b, int at) {
    return (int) INT.get(b, at);
  }

  public static long getUnsignedInt(byte[] b, int at) {
    return getInt(b, at) & 0xFFFFFFFFL;
  }

  public static long getLong(byte[] b, int at) {
    return (long) LONG.get(b, at);
  }

  public static int getUnsignedShort(byte[] b, int at) {
    return ((short) SHORT.get(b, at)) & 0xFFFF;
  }

  public static void putInt(byte[] b, int at, int v) {
    INT.set(b, at, v);
  }

  public static void putLong(byte[] b, int at, long v) {
    LONG.set(b, at, v);
  }

  public static void putShort(byte[] b, int at, int v) {
    SHORT.set(b, at, (short) v);
  }
}
