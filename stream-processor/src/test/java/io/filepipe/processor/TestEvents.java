package io.filepipe.processor;

/** Invocation inputs in the shapes the processor accepts. */
final class TestEvents {

    private TestEvents() {
    }

    /** The recommended input: the item's key. */
    static String keys(FileRef file) {
        return "{\"pk\":\"USER#" + file.userId().value() + "\",\"sk\":\"FILE#" + file.fileId().value() + "\"}";
    }

    /** A record exactly as EventBridge Pipes delivers one from the table's stream. */
    static String pipesRecord(FileRef file) {
        return """
                {"eventID":"7de3041dd034e4c8ee8e1a1b1e0e2cdb","eventName":"INSERT","eventVersion":"1.1",
                 "eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
                 "dynamodb":{"ApproximateCreationDateTime":1795428000,
                   "Keys":{"PK":{"S":"USER#%1$s"},"SK":{"S":"FILE#%2$s"}},
                   "NewImage":{"PK":{"S":"USER#%1$s"},"SK":{"S":"FILE#%2$s"},"type":{"S":"FILE"},
                     "fileId":{"S":"%2$s"},"userId":{"S":"%1$s"},"fileName":{"S":"photo.png"},"comment":{"S":""},
                     "s3Key":{"S":"uploads/%1$s/%2$s/photo.png"},"size":{"N":"1234"},"contentType":{"S":"image/png"},
                     "sha256":{"S":"%3$s"},"status":{"S":"PENDING"},"createdAt":{"S":"2026-11-24T10:00:00.000Z"},
                     "updatedAt":{"S":"2026-11-24T10:00:00.000Z"},"attempts":{"N":"0"}},
                   "SequenceNumber":"111100000000012345678901","SizeBytes":512,"StreamViewType":"NEW_IMAGE"},
                 "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/files/stream/2026-11-24T00:00:00.000"}
                """.formatted(file.userId().value(), file.fileId().value(), "ab".repeat(32));
    }
}
