package dev.berth.image;

/**
 * Image JSON (a config, manifest or index) that cannot be read; the message names the document and
 * the field, e.g. {@code invalid image config: config.Env: expected an array of strings}.
 */
public final class ImageFormatException extends IllegalArgumentException {

  public ImageFormatException(String message) {
    super(message);
  }

  public ImageFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
