import Foundation
import Parquet
import Testing
import TestSupport


