package io.filepipe.api.upload;

import io.filepipe.core.blob.PresignedPut;
import io.filepipe.core.blob.UploadedPart;
import io.filepipe.core.store.UploadSession;
import java.util.List;

/**
 * Where an upload stands and what the client is to send: a presigned PUT per part still missing
 * (none once completed) and the parts the backend holds already.
 */
public record UploadTicket(UploadSession session, List<PartToSend> missing, List<UploadedPart> uploaded) {

    public UploadTicket {
        missing = List.copyOf(missing);
        uploaded = List.copyOf(uploaded);
    }

    /** A part to PUT: its number, its exact size and where to send it. */
    public record PartToSend(int partNumber, long size, PresignedPut put) {
    }
}
