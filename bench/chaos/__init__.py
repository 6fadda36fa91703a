"""`make chaos`: the real server under hostile input, racing writers, kill -9 and storage faults."""
