package main

func firstBig(xs []*int) *int {
	var found *int
	for _, p := range xs {
		switch {
		case *p > 100:
			found = p
		default:
			continue
		}
		break
	}
	return found
}

func main() { _ = firstBig(nil) }
