"""Operations over the engines: the shared pipeline, batch runs per entity (run), workspace set-up (init)."""
