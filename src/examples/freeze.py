import gc
import time

# A preloaded "application": many small container objects, all tracked by the GC.
catalogue = [{"sku": i, "tags": [f"t{i % 7}"], "price": i * 0.5} for i in range(200_000)]


def full_collection_ms() -> float:
    started = time.perf_counter()
    gc.collect()
    return (time.perf_counter() - started) * 1000


print(f"tracked objects:          {len(gc.get_objects()):>9,}")
print(f"full collection:          {full_collection_ms():>9.1f} ms")

# freeze() moves every tracked object into a permanent generation that later
# collections skip. It does not stop reference counting.
gc.freeze()
print(f"frozen objects:           {gc.get_freeze_count():>9,}")
print(f"tracked objects now:      {len(gc.get_objects()):>9,}")
print(f"full collection now:      {full_collection_ms():>9.1f} ms")

# Reading an object still writes its reference count: after a fork, that write
# copies the page the object lives on, frozen or not.
total = sum(item["price"] for item in catalogue)
print(f"read every record (total price {total:,.1f})")

gc.unfreeze()
